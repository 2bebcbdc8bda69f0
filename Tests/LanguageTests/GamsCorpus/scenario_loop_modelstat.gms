$title Solving a dispatch for several demand scenarios in a loop (model attributes)
*  Two units: 100 MW at 10, 100 MW at 30. By hand: 80 MW costs 800, 150 MW costs
*  1000 + 1500 = 2500, 250 MW exceeds the fleet and is infeasible (model status 4).
*  The run completes (GAMS returns 0); enm's command line reports a run that met an
*  infeasible solve with its documented exit code 3.
*! exit 3
*! solves 3
*! solve 1 status 1 objective 800
*! solve 2 status 1 objective 2500
*! solve 3 status 4
*! ms(low) = 1
*! ms(high) = 4
*! ov(mid) = 2500
*! ov(low) = 800
*! price(mid) = 30
*! price(low) = 10
*! nOptimal = 2
Sets s 'scenarios' / low, mid, high /
     g 'units' / base, peak /;
Parameters dem(s) 'MW' / low 80, mid 150, high 250 /
           cap(g) / base 100, peak 100 /
           mc(g)  / base 10,  peak 30 /
           ms(s) 'model status', ov(s) 'objective value', price(s) 'marginal price';
Scalar d 'current demand', nOptimal / 0 /;
Positive Variable x(g);
Variable cost;
Equations meet, defCost;
meet..    sum(g, x(g)) =e= d;
defCost.. cost =e= sum(g, mc(g)*x(g));
x.up(g) = cap(g);
Model disp / all /;
loop(s,
   d = dem(s);
   solve disp using lp minimizing cost;
   ms(s) = disp.modelStat;
   if(disp.modelStat = 1,
      ov(s) = disp.objVal;
      price(s) = meet.m;
      nOptimal = nOptimal + 1;
   );
);
display ms, ov, price, nOptimal;
