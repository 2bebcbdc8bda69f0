$title Hock-Schittkowski problem 76 (convex QP)
* Reference (Hock & Schittkowski 1981, problem 76): f* = -4.681818181 (= -103/22),
* x* = (0.2727272727, 2.090909091, 0, 0.5454545455) = (3/11, 23/11, 0, 6/11); start 0.5.
* Only the first constraint binds (multiplier 5/11); x3 sits at its bound with
* reduced cost 19/11.

Positive Variable x1, x2, x3, x4;
Variable obj;
x1.l = 0.5;  x2.l = 0.5;  x3.l = 0.5;  x4.l = 0.5;

Equations defobj, c1, c2, c3;

defobj..  obj =e= sqr(x1) + 0.5*sqr(x2) + sqr(x3) + 0.5*sqr(x4) - x1*x3 + x3*x4
                  - x1 - 3*x2 + x3 - x4;
c1..      x1 + 2*x2 + x3 + x4 =l= 5;
c2..      3*x1 + x2 + 2*x3 - x4 =l= 4;
c3..      x2 + 4*x3 =g= 1.5;

Model hs76 / all /;
Solve hs76 using qcp minimizing obj;

display obj.l, x1.l, x2.l, x3.l, x4.l, x3.m, c1.m, c2.m, c3.m;
