$title Hock-Schittkowski problem 43 (Rosen-Suzuki)
* Reference (Hock & Schittkowski 1981, problem 43): f* = -44 at x* = (0, 1, 2, -1);
* start at the origin.  The first and third constraints bind with multipliers 1 and 2,
* the second is slack (value 1 at the optimum).

Set i / 1*4 /;
Variable x(i), obj;
x.l(i) = 0;

Equations defobj, g1, g2, g3;

defobj..  obj =e= sqr(x('1')) + sqr(x('2')) + 2*sqr(x('3')) + sqr(x('4'))
                  - 5*x('1') - 5*x('2') - 21*x('3') + 7*x('4');
g1..      8 - sum(i, sqr(x(i))) - x('1') + x('2') - x('3') + x('4') =g= 0;
g2..      10 - sqr(x('1')) - 2*sqr(x('2')) - sqr(x('3')) - 2*sqr(x('4'))
             + x('1') + x('4') =g= 0;
g3..      5 - 2*sqr(x('1')) - sqr(x('2')) - sqr(x('3')) - 2*x('1') + x('2') + x('4') =g= 0;

Model rosen / all /;
Solve rosen using qcp minimizing obj;

display obj.l, x.l, g1.m, g2.m, g3.m;
