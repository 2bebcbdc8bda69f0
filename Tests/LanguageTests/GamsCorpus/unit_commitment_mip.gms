$title Unit commitment of two thermal units over six hours (binaries, start-ups with lags)
*  Unit g1 is on before the horizon (u0 = 1), g2 is off. Demand above 100 MW in hours 2 and 3
*  needs g2, which starts once (100) and runs at its minimum or more.
*  Verified with glpsol (same MIP in MathProg) and by hand: g1 energy 460 MWh at 20 plus no-load
*  6 * 50 = 9500; g2 70 MWh at 35 plus 2 * 20 no-load plus one start 100 = 2590; total 12090.
*! solve 1 status 1 objective 12090
*! u.l(g2,h2) = 1
*! u.l(g2,h4) = 0
*! u.l(g1,h5) = 1
*! p.l(g2,h3) = 50
*! p.l(g1,h3) = 100
*! startup.l(g2,h2) = 1
*! starts(g2) = 1
*! starts(g1) = 0
Sets g 'units' / g1, g2 /
     t 'hours' / h1*h6 /;
Table unit(g,*) 'unit data'
          cap   pmin   cost   suc   nlc   u0
   g1     100     40     20   300    50    1
   g2      80     20     35   100    20    0 ;
Parameter dem(t) 'demand MW' / h1 60, h2 120, h3 150, h4 90, h5 40, h6 70 /;

Binary Variable u(g,t) 'on/off';
Positive Variables p(g,t) 'output', startup(g,t) 'start-up indicator';
Variable cost;
Equations meet(t), upper(g,t), lower(g,t), start(g,t), defCost;
meet(t)..       sum(g, p(g,t)) =g= dem(t);
upper(g,t)..    p(g,t) =l= unit(g,'cap')*u(g,t);
lower(g,t)..    p(g,t) =g= unit(g,'pmin')*u(g,t);
start(g,t)..    startup(g,t) =g= u(g,t) - u(g,t-1) - unit(g,'u0')$(ord(t) = 1);
defCost..       cost =e= sum((g,t), unit(g,'cost')*p(g,t) + unit(g,'nlc')*u(g,t)
                                    + unit(g,'suc')*startup(g,t));
Model uc / all /;
option optCr = 0;
solve uc using mip minimizing cost;
Parameter starts(g) 'number of start-ups';
starts(g) = sum(t, round(startup.l(g,t)));
display u.l, p.l, startup.l, starts;
