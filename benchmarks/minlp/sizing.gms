* Sizing with integer decisions and a convex operating cost: which of N candidate units to build
* (fixed cost f) to meet the load of four periods, each unit's cost quadratic in its output.
*   min  sum(i, f(i)*build(i)) + sum((i,t), a(i)*sqr(p(i,t)))
*   s.t. sum(i, p(i,t)) >= d(t),  p(i,t) <= cap(i)*build(i),  build binary, p >= 0
* --method=bonmin solves it as a MINLP; --method=enumerate fixes each of the 2**N build vectors in
* turn and solves the remaining NLP with Ipopt, keeping the best (the obvious alternative).
$if not set units $set units 6
$if not set method $set method bonmin
Set i 'candidate units' / u1*u%units% /, t 'periods' / t1*t4 /;
Parameter cap(i), a(i), f(i), d(t);
cap(i) = 20 + mod(ord(i)*37, 41);
a(i)   = 0.01 + mod(ord(i)*13, 7)/100;
f(i)   = 15 + mod(ord(i)*29, 23);
d(t)   = 60 + 20*mod(ord(t)*3, 4);
Binary Variable build(i);
Positive Variable p(i,t);
Variable z;
Equations cost, load(t), capacity(i,t);
cost..           z =e= sum(i, f(i)*build(i)) + sum((i,t), a(i)*sqr(p(i,t)));
load(t)..        sum(i, p(i,t)) =g= d(t);
capacity(i,t)..  p(i,t) =l= cap(i)*build(i);
Model sizing / all /;
Scalar best 'best objective' / inf /;
$ifthen %method% == bonmin
Solve sizing using minlp minimizing z;
best = z.l;
$else
$eval combos 2**%units%
Set s 'build vectors' / s1*s%combos% /;
option solPrint = silent;
loop(s,
  build.fx(i) = mod(floor((ord(s) - 1)/power(2, ord(i) - 1)), 2);
  Solve sizing using rminlp minimizing z;
  if(sizing.modelStat <= 2 and z.l < best, best = z.l);
);
$endif
display best;
