$title Weekly dispatch around maintenance outages (set-qualified indices with lags and leads)
*  vs(v,w) holds the week a unit's two-week maintenance starts. The unit is out in that week
*  and the next (vs(v,w-1) inside a sum), and derated to half in the week before
*  (loop(vs(v,w+1), ...)). Demand 150 MW each week; v1 100 MW at 10, v2 80 MW at 20, peaker
*  200 MW at 50. By hand: w1 v1 100 + v2 40 + peak 10 = 2300; w2 v1 50 + peak 100 = 5500;
*  w3 peak 150 = 7500; w4 v2 80 + peak 70 = 5100; total 20400.
*! solve 1 status 1 objective 20400
*! avail(v2,w1) = 40
*! avail(v1,w2) = 50
*! avail(v1,w4) = 0
*! gen.l(v3,w3) = 150
*! gen.l(v3,w1) = 10
*! card out = 4
*! preWeeks = 2
Sets v 'units' / v1*v3 /
     w 'weeks' / w1*w4 /
     vs(v,w) 'maintenance starts' / v1.w3, v2.w2 /
     out(v,w) 'unit out of service';
Parameters cap(v) / v1 100, v2 80, v3 200 /
           mc(v)  / v1 10,  v2 20, v3 50 /
           derate(v,w) 'available share'
           avail(v,w)  'available MW';
Scalars load / 150 /, preWeeks / 0 /;
out(v,w) = vs(v,w) + sum(vs(v,w-1), 1);
derate(v,w) = 1;
loop(vs(v,w+1),
   derate(v,w) = 0.5;
   preWeeks = preWeeks + 1;
);
avail(v,w) = cap(v)*derate(v,w)$(not out(v,w));
Positive Variable gen(v,w);
Variable cost;
Equations meet(w), defCost;
meet(w)..  sum(v, gen(v,w)) =e= load;
defCost..  cost =e= sum((v,w), mc(v)*gen(v,w));
gen.up(v,w) = avail(v,w);
Model weekly / all /;
solve weekly using lp minimizing cost;
display out, avail, gen.l, preWeeks;
