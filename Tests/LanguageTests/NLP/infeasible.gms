$title An infeasible nonlinear model
* The disc x**2 + y**2 <= 1 and the half-plane x + y >= 3 do not meet (the largest x + y on
* the disc is sqrt(2)), so the solver must report the model infeasible.

Variables x, y, z;
x.l = 0.5;  y.l = 0.5;

Equations defz, disc, half;

defz..  z =e= sqr(x - 2) + sqr(y - 2);
disc..  sqr(x) + sqr(y) =l= 1;
half..  x + y =g= 3;

Model nofit / all /;
Solve nofit using nlp minimizing z;

display z.l, x.l, y.l;
