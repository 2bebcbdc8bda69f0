$title Model algebra: a base dispatch, the same with ramp limits, and the ramps taken out again
*  Cheap unit 100 MW at 10, peaker 100 MW at 50; demand 40, 120, 60. By hand: without ramp
*  limits the cheap unit follows the load up to 100 (peaker 20 MW in h2): 2000 + 1000 = 3000.
*  With the cheap unit ramping at most 30 MW an hour it reaches only 70 in h2: 1700 + 2500
*  = 4200, and one more MW of ramp saves 50 - 10 = 40 (rampUp.m(h2) = -40). The model
*  'ext - rampUp' is the base model again: 3000.
*! solves 3
*! solve 1 status 1 objective 3000
*! solve 2 status 1 objective 4200
*! solve 3 status 1 objective 3000
*! obj(base) = 3000
*! obj(ext) = 4200
*! obj(relaxed) = 3000
*! rampUp.m(h2) = -40
*! gen.l(cheap,h2) = 100
Sets u 'units' / cheap, peak /
     t 'hours' / h1*h3 /
     run 'model variants' / base, ext, relaxed /;
Parameters cap(u) / cheap 100, peak 100 /
           mc(u)  / cheap 10,  peak 50 /
           dem(t) / h1 40, h2 120, h3 60 /
           obj(run) 'objective of each variant';
Scalar ramp 'MW per hour' / 30 /;
Positive Variable gen(u,t);
Variable cost;
Equations meet(t), defCost, rampUp(t), rampDown(t);
meet(t)..   sum(u, gen(u,t)) =e= dem(t);
defCost..   cost =e= sum((u,t), mc(u)*gen(u,t));
rampUp(t)$(ord(t) > 1)..   gen('cheap',t) - gen('cheap',t-1) =l= ramp;
rampDown(t)$(ord(t) > 1).. gen('cheap',t-1) - gen('cheap',t) =l= ramp;
gen.up(u,t) = cap(u);

Model base / meet, defCost /;
Model ext  / base + rampUp + rampDown /;
Model relaxed / ext - rampUp
                    - rampDown /;
solve base using lp minimizing cost;
obj('base') = base.objVal;
solve ext using lp minimizing cost;
obj('ext') = ext.objVal;
display rampUp.m;
solve relaxed using lp minimizing cost;
obj('relaxed') = relaxed.objVal;
display obj, gen.l;
