$title Hock-Schittkowski problem 35 (convex QP)
* Reference (Hock & Schittkowski 1981, problem 35): f* = 1/9 = 0.1111111,
* x* = (4/3, 7/9, 4/9); start (0.5, 0.5, 0.5).

Positive Variable x1, x2, x3;
Variable obj;
x1.l = 0.5;  x2.l = 0.5;  x3.l = 0.5;

Equations defobj, lin;

defobj..  obj =e= 9 - 8*x1 - 6*x2 - 4*x3 + 2*sqr(x1) + 2*sqr(x2) + sqr(x3)
                  + 2*x1*x2 + 2*x1*x3;
lin..     x1 + x2 + 2*x3 =l= 3;

Model hs35 / all /;
Solve hs35 using qcp minimizing obj;

display obj.l, x1.l, x2.l, x3.l, lin.m;
