$title Hock-Schittkowski problem 71
* Four variables in [1, 5]; a product constraint and a sphere constraint.
* Reference (Hock & Schittkowski 1981, problem 71): f* = 17.0140173,
* x* = (1, 4.7429994, 3.8211503, 1.3794082).

Set i / 1*4 /;

Variable x(i), obj;
x.lo(i) = 1;
x.up(i) = 5;
x.l('1') = 1;  x.l('2') = 5;  x.l('3') = 5;  x.l('4') = 1;

Equations defobj, prod4, sphere;

defobj..  obj =e= x('1')*x('4')*(x('1') + x('2') + x('3')) + x('3');
prod4..   x('1')*x('2')*x('3')*x('4') =g= 25;
sphere..  sum(i, sqr(x(i))) =e= 40;

Model hs71 / all /;
Solve hs71 using nlp minimizing obj;

display obj.l, x.l, x.m, prod4.m, sphere.m;
