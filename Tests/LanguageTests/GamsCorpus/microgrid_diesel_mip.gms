$title Island microgrid: PV, a battery and a diesel set with a minimum load (MIP)
*  The diesel runs between 10 and 30 kW when on (25 per hour on, 30 per kWh); the battery
*  (40 kWh, 20 kW, 90% charging efficiency) starts and ends at 20 kWh; surplus PV is
*  curtailed. Verified with glpsol (same MIP in MathProg): 2295 = 3 hours on (75) + 74 kWh
*  of diesel (2220). The battery schedule has alternative optima; the diesel hours and
*  energy do not.
*! solve 1 status 1 objective 2295
*! on.l(h1) = 1
*! on.l(h6) = 1
*! on.l(h3) = 0
*! hoursOn = 3
*! diesel = 74
Set t 'hours' / h1*h6 /;
Parameters load(t) 'kW' / h1 25, h2 30, h3 20, h4 15, h5 35, h6 40 /
           pv(t)   'kW' / h1 0,  h2 10, h3 45, h4 40, h5 10, h6 0 /;
Scalars dgMin / 10 /, dgMax / 30 /, onCost / 25 /, fuel 'per kWh' / 30 /,
        emax / 40 /, pmax / 20 /, eta / 0.9 /, soc0 / 20 /, hoursOn, diesel;
Binary Variable on(t);
Positive Variables dg(t), ch(t), dis(t), soc(t), cur(t) 'curtailed PV';
Variable cost;
Equations bal(t), state(t), dmax(t), dmin(t), ending, defCost;
bal(t)..   pv(t) + dg(t) + dis(t) =e= load(t) + ch(t) + cur(t);
state(t).. soc(t) =e= soc(t-1) + soc0$(ord(t) = 1) + eta*ch(t) - dis(t);
dmax(t)..  dg(t) =l= dgMax*on(t);
dmin(t)..  dg(t) =g= dgMin*on(t);
ending..   sum(t$(ord(t) = card(t)), soc(t)) =g= soc0;
defCost..  cost =e= sum(t, onCost*on(t) + fuel*dg(t));
ch.up(t) = pmax;  dis.up(t) = pmax;  soc.up(t) = emax;
Model island / all /;
option optCr = 0;
solve island using mip minimizing cost;
hoursOn = sum(t, on.l(t));
diesel = sum(t, dg.l(t));
display on.l, dg.l, soc.l, hoursOn, diesel;
