$title Rosenbrock's banana function
* Unconstrained; the classic start (-1.2, 1).  Minimum 0 at (1, 1).

Variable x1, x2, obj;
x1.l = -1.2;
x2.l = 1;

Equation defobj;
defobj.. obj =e= 100*sqr(x2 - sqr(x1)) + sqr(1 - x1);

Model banana / all /;
Solve banana using nlp minimizing obj;

display obj.l, x1.l, x2.l;
