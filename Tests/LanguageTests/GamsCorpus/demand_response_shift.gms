$title Shifting two flexible loads into cheap hours within their windows
*  A dishwasher (2.5 kWh, at most 1 kW, hours h2-h4) and a water heater (7 kWh, at most
*  3 kW, any hour) on prices 50, 20, 30, 60, 10, 40. No shared limit couples them. By hand:
*  the heater takes h5 (10) and h2 (20) at 3 kW and 1 kWh in h3: 30 + 60 + 30 = 120; the
*  dishwasher runs h2 and h3 at 1 kW and 0.5 kWh in h4: 20 + 30 + 30 = 80. Total 200; the
*  next kWh costs the price of the partly used hour: 60 for the dishwasher, 30 the heater.
*! solve 1 status 1 objective 200
*! p.l(heater,h5) = 3
*! p.l(heater,h2) = 3
*! p.l(dish,h3) = 1
*! p.l(dish,h2) = 1
*! need.m(dish) = 60
*! p.l(dish,h4) = 0.5
*! p.l(heater,h3) = 1
*! need.m(heater) = 30
*! card allowed = 9
Sets a 'appliances' / dish, heater /
     t 'hours' / h1*h6 /
     allowed(a,t) 'hours an appliance may run';
Parameters price(t) / h1 50, h2 20, h3 30, h4 60, h5 10, h6 40 /
           energy(a) 'kWh' / dish 2.5, heater 7 /
           pmax(a)   'kW'  / dish 1, heater 3 /;
allowed('heater',t) = yes;
allowed('dish',t)$(ord(t) >= 2 and ord(t) <= 4) = yes;
Positive Variable p(a,t);
Variable cost;
Equations need(a), defCost;
need(a)..  sum(t$allowed(a,t), p(a,t)) =e= energy(a);
defCost..  cost =e= sum((a,t)$allowed(a,t), price(t)*p(a,t));
p.up(a,t) = pmax(a)$allowed(a,t);
Model shift / all /;
solve shift using lp minimizing cost;
display allowed, p.l, need.m;
