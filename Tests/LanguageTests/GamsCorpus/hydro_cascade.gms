$title Hydro cascade: three reservoirs in a chain over four periods (lag on two indices)
*  Water released or spilled by reservoir r-1 reaches reservoir r in the same period:
*  rel(r-1,t) is a lag on the reservoir index, stor(r,t-1) a lag on time; every reservoir
*  starts with 10 and must end with at least 10. Release at most 15 per period.
*  Verified with glpsol (same LP in MathProg): revenue 8280. The timing of releases has
*  alternative optima, so the checks are the totals every optimum shares: the upper
*  reservoir passes on all its 40 units (10 + 4 * 10 - 10), the others 48.
*! solve 1 status 1 objective 8280
*! totRel(r1) = 40
*! totRel(r2) = 48
*! totRel(r3) = 48
*! totSpill = 0
Sets r 'reservoirs, upstream first' / r1*r3 /
     t 'periods' / t1*t4 /;
Parameters price(t)  'EUR/MWh'       / t1 30, t2 60, t3 45, t4 80 /
           inflow(r) 'natural inflow' / r1 10, r2 2 /
           eff(r)    'MWh per unit'   / r1 1.0, r2 0.8, r3 1.2 /;
Scalar s0 'initial and final storage' / 10 /;
Positive Variables rel(r,t), spill(r,t), stor(r,t);
Variable rev;
Equations bal(r,t), final(r), defRev;
bal(r,t)..  stor(r,t) =e= stor(r,t-1) + s0$(ord(t) = 1) + inflow(r)
                          + rel(r-1,t) + spill(r-1,t) - rel(r,t) - spill(r,t);
final(r)..  sum(t$(ord(t) = card(t)), stor(r,t)) =g= s0;
defRev..    rev =e= sum((r,t), price(t)*eff(r)*rel(r,t));
rel.up(r,t) = 15;
stor.up(r,t) = 30;
Model cascade / all /;
solve cascade using lp maximizing rev;
Parameter totRel(r) 'water released over the horizon';
Scalar totSpill;
totRel(r) = sum(t, rel.l(r,t));
totSpill = sum((r,t), spill.l(r,t));
display totRel, totSpill;
