$title Hock-Schittkowski problem 65
* Reference (Hock & Schittkowski 1981, problem 65): f* = 0.9535288567,
* x* = (3.650461821, 3.650461821, 4.6204170507); start (-5, 5, 0), which lies outside
* the bounds of x1 and x2 (the solver moves it inside).

Variable x1, x2, x3, obj;
x1.lo = -4.5;  x1.up = 4.5;
x2.lo = -4.5;  x2.up = 4.5;
x3.lo = -5;    x3.up = 5;
x1.l = -5;  x2.l = 5;  x3.l = 0;

Equations defobj, ball;

defobj..  obj =e= sqr(x1 - x2) + sqr(x1 + x2 - 10)/9 + sqr(x3 - 5);
ball..    sqr(x1) + sqr(x2) + sqr(x3) =l= 48;

Model hs65 / all /;
Solve hs65 using nlp minimizing obj;

display obj.l, x1.l, x2.l, x3.l, ball.m;
