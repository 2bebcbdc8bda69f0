$title Scenario data pulled in with $include and a compile-time variable
*  The scenario is chosen with --scen=low|high on the command line; without it the model
*  runs the high case. Plants: coal (north, 100 MW, 20 EUR/MWh + 1 t/MWh), gas (south,
*  150 MW, 35 EUR/MWh + 0.4 t/MWh); a 50 MW link lets power flow both ways for free.
*  By hand, high case (CO2 50): coal costs 70, gas 55, so gas runs first. The link carries
*  at most 50 MW north, so gas makes 140 (90 local + 50 exported) and coal the remaining 70
*  in the north: 70*70 + 140*55 = 4900 + 7700 = 12600.
*! solve 1 status 1 objective 12600
*! x.l(coal) = 70
*! x.l(gas) = 140
*! flow.l(south,north) = 50
*! scenDem = 210
$if not set scen $set scen high
Set r 'regions' / north, south /
    p 'plants' / coal, gas /
    loc(p,r) 'plant location' / coal.north, gas.south /;
Alias (r,rr);
$include data/include_scenario_data_%scen%.inc
Parameters cap(p) / coal 100, gas 150 /, vc(p) / coal 20, gas 35 /, ef(p) / coal 1, gas 0.4 /;
Scalar scenDem 'total demand of the scenario';
scenDem = sum(r, dem(r));
Positive Variables x(p), flow(r,rr);
Variable cost;
Equations bal(r), defCost;
bal(r)..   sum(loc(p,r), x(p)) + sum(rr, flow(rr,r) - flow(r,rr)) =e= dem(r);
defCost..  cost =e= sum(p, (vc(p) + co2price*ef(p))*x(p));
x.up(p) = cap(p);
flow.up(r,rr) = 50;
flow.fx(r,r) = 0;
Model disp / all /;
solve disp using lp minimizing cost;
display x.l, flow.l, scenDem;
