$title OLD-STYLE ENERGY BALANCE MODEL (unquoted texts, tables ended by keywords)
$onText
A refinery-and-power energy balance in the layout of 1990s energy models: unquoted
explanatory texts, tables without semicolons followed by indented keywords, a model list
over two lines, and 'solve ... use lp min'.

Crude (40 per unit) is split into fuel oil (0.5) and gasoline (0.4); power comes from fuel
oil (0.4 MWh per unit) or gas (0.5 MWh per unit of gas at 30). Demands: gasoline 40,
power 30 MWh. By hand: gasoline needs 100 units of crude (4000), giving 50 fuel oil =
20 MWh; the other 10 MWh need 20 units of gas (600); total 4600. Prices by hand: power
30/0.5 = 60 (the gas plant is marginal); fuel oil 0.4*60 = 24 (it displaces gas-fired
power); gasoline: a unit of refining costs 40 and yields fuel oil worth 0.5*24 = 12, so
0.4 units of gasoline cost 28, i.e. 70 per unit.
$offText
*! solve 1 status 1 objective 4600
*! x.l(crude) = 100
*! x.l(gas) = 20
*! bal.m(power) = 60
*! bal.m(gasoline) = 70
*! bal.m(fueloil) = 24
  Sets
     c   commodities  / crude, fueloil, gasoline, gas, power /
     a   activities   / refine, oilplant, gasplant /
     pr(c) purchases  / crude, gas /

  Table io(c,a)  input-output coefficients
                refine   oilplant   gasplant
     crude       -1
     fueloil      0.5     -1
     gasoline     0.4
     gas                              -1
     power                 0.4        0.5

  Parameter dem(c)  final demand
     / gasoline 40, power 30 /

  Parameter price(c)  purchase price
     / crude 40, gas 30 /

  Positive Variables
     lev(a)  activity level
     x(c)    purchases

  Variable z  total cost

  Equations
     bal(c)  commodity balance
     obj     cost definition ;

  bal(c)..  sum(a, io(c,a)*lev(a)) + x(c)$pr(c) =g= dem(c);
  obj..     z =e= sum(pr, price(pr)*x(pr));

  Model energy  balance model  / bal
                                 obj /;
  solve energy use lp min z;
  display x.l, lev.l, bal.m;
