$title CHP, gas boiler and heat pump serving a heat load, trading power with the grid (MIP)
*  The CHP makes 0.8 MWh of power per MWh of heat, runs between 20 and 60 MWh/h of heat when
*  on (start-free, 100 EUR/h when on); the heat pump uses 1/3 MWh of power per MWh of heat
*  (30 at most); surplus power sells at 90% of the price.
*  Verified with glpsol (same MIP in MathProg): -1582.666667 (a net income); the CHP runs
*  in h1-h3 and is off in h4, where the heat pump covers the 20 MWh on bought power.
*! solve 1 status 1 objective -1582.666667
*! on.l(h1) = 1
*! on.l(h4) = 0
*! q.l(chp,h2) = 60
*! q.l(hp,h2) = 20
*! q.l(hp,h4) = 20
*! sell.l(h2) = 41.33333333
*! buy.l(h4) = 6.666666667
*! hours = 3
Sets t 'hours' / h1*h4 /
     u 'heat units' / chp, boiler, hp /;
Parameters heat(t)  'heat load MWh'     / h1 50, h2 80, h3 40, h4 20 /
           price(t) 'power price'       / h1 40, h2 90, h3 60, h4 20 /
           fc(u)    'fuel cost per MWh heat' / chp 30, boiler 45 /;
Scalars p2h 'CHP power per heat' / 0.8 /, cop 'heat pump COP' / 3 /, qmin / 20 /, qmax / 60 /,
        fixedOn 'EUR per hour on' / 100 /, hpmax / 30 /, hours;
Binary Variable on(t);
Positive Variables q(u,t) 'heat', buy(t), sell(t);
Variable cost;
Equations heatBal(t), powerBal(t), chpMax(t), chpMin(t), defCost;
heatBal(t)..  sum(u, q(u,t)) =e= heat(t);
powerBal(t).. p2h*q('chp',t) + buy(t) =e= q('hp',t)/cop + sell(t);
chpMax(t)..   q('chp',t) =l= qmax*on(t);
chpMin(t)..   q('chp',t) =g= qmin*on(t);
defCost..     cost =e= sum(t, sum(u, fc(u)*q(u,t)) + fixedOn*on(t) + price(t)*buy(t) - 0.9*price(t)*sell(t));
q.up('hp',t) = hpmax;
Model chp / all /;
option optCr = 0;
solve chp using mip minimizing cost;
hours = sum(t, on.l(t));
display on.l, q.l, sell.l, buy.l, hours;
