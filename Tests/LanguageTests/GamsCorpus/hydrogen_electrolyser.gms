$title Electrolyser with a hydrogen tank serving an hourly offtake
*  10 MW electrolyser, 50 MWh per t of hydrogen, a 0.6 t tank starting and ending at 0.2 t,
*  offtake 0.1-0.15 t an hour. Verified with glpsol (same LP in MathProg) and by hand: the
*  0.7 t needed take 35 MWh: the three cheapest hours at full load (20, 25, 30: 30 MWh,
*  750) and 5 MWh in the next cheapest hour h3 (60: 300); 1050. A t of hydrogen is worth
*  50*60 = 3000 in every hour (tank.m = -3000, the tank never fills or empties).
*! solve 1 status 1 objective 1050
*! p.l(h1) = 10
*! p.l(h3) = 5
*! p.l(h4) = 0
*! lev.l(h2) = 0.4
*! lev.l(h5) = 0.3
*! tank.m(h4) = -3000
*! ending.m = 3000
*! fullLoadHours = 3.5
Set t 'hours' / h1*h6 /;
Parameters price(t) 'EUR/MWh' / h1 30, h2 20, h3 60, h4 80, h5 25, h6 70 /
           offtake(t) 't H2'  / h1 0.1, h2 0.1, h3 0.15, h4 0.15, h5 0.1, h6 0.1 /;
Scalars pmax 'MW' / 10 /, spec 'MWh per t' / 50 /, lev0 't' / 0.2 /, levMax 't' / 0.6 /, fullLoadHours;
Positive Variables p(t) 'power', lev(t) 'tank level';
Variable cost;
Equations tank(t), ending, defCost;
tank(t).. lev(t) =e= lev(t-1) + lev0$(ord(t) = 1) + p(t)/spec - offtake(t);
ending..  sum(t$(ord(t) = card(t)), lev(t)) =g= lev0;
defCost.. cost =e= sum(t, price(t)*p(t));
p.up(t) = pmax;
lev.up(t) = levMax;
Model h2 / all /;
solve h2 using lp minimizing cost;
fullLoadHours = sum(t, p.l(t))/pmax;
display p.l, lev.l, tank.m, ending.m, fullLoadHours;
