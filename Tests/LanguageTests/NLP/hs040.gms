$title Hock-Schittkowski problem 40
* Maximise x1*x2*x3*x4 on three equality constraints, solved twice: as the minimisation of
* the negative product (model hs40) and as the maximisation of the product (model hs40max).
* Reference (Hock & Schittkowski 1981, problem 40): f* = -0.25 (as a minimisation),
* x* = (2**(-1/3), 2**(-1/2), 2**(-11/12), 2**(-1/4)); start 0.8 in every component.
* A marginal is d objective / d rhs in both directions, so the marginals of the two solves
* have opposite signs.

Set i / 1*4 /;
Variable x(i), obj, objmax;
x.l(i) = 0.8;

Equations defobj, defobjmax, c1, c2, c3;

defobj..     obj =e= -prod(i, x(i));
defobjmax..  objmax =e= prod(i, x(i));
c1..         power(x('1'), 3) + sqr(x('2')) =e= 1;
c2..         sqr(x('1'))*x('4') - x('3') =e= 0;
c3..         sqr(x('4')) - x('2') =e= 0;

Model hs40    / defobj, c1, c2, c3 /;
Model hs40max / defobjmax, c1, c2, c3 /;

Parameter mg(*,*) 'marginals of the constraints by direction';

Solve hs40 using nlp minimizing obj;
mg('min','c1') = c1.m;  mg('min','c2') = c2.m;  mg('min','c3') = c3.m;
display obj.l, x.l;

x.l(i) = 0.8;
Solve hs40max using nlp maximizing objmax;
mg('max','c1') = c1.m;  mg('max','c2') = c2.m;  mg('max','c3') = c3.m;

display objmax.l, mg;
