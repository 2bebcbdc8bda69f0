$title Dispatch under a CO2 cap: the cap's marginal is the carbon price
*  Coal (20 EUR/MWh, 1 t/MWh) and gas (40 EUR/MWh, 0.4 t/MWh) serve 100 MWh under a 70 t cap.
*  By hand: x + y = 100 and x + 0.4 y = 70 give x = y = 50, cost 3000. Duals: 20 = p + mu,
*  40 = p + 0.4 mu, so mu = -33.333 (the cap's marginal, a carbon price of 33.33 EUR/t) and
*  the power price p = 53.333.
*! solve 1 status 1 objective 3000
*! x.l(coal) = 50
*! x.l(gas) = 50
*! co2cap.m = -33.33333333
*! supply.m = 53.33333333
*! co2price = 33.33333333
Set f 'fuels' / coal, gas /;
Parameters vc(f)  'EUR/MWh' / coal 20, gas 40 /
           ef(f)  't/MWh'   / coal 1,  gas 0.4 /;
Scalars dem 'MWh' / 100 /, cap 't CO2' / 70 /, co2price 'EUR/t';
Nonnegative Variable x(f) 'generation';
Variable z;
Equations supply, co2cap, obj;
supply.. sum(f, x(f)) =e= dem;
co2cap.. sum(f, ef(f)*x(f)) =l= cap;
obj..    z =e= sum(f, vc(f)*x(f));
Model capped / all /;
solve capped use lp min z;
co2price = -co2cap.m;
display x.l, co2cap.m, supply.m, co2price;
