$title Nearest point of a ball in the L1 distance (dnlp)
* Minimise sum(i, abs(x(i) - c(i))) over the ball sum(i, sqr(x(i))) <= 3 with
* c = (3, 4, 5) outside it.  Where every x(i) < c(i) the objective is sum(c) - sum(x), so
* the optimum maximises sum(x) on the ball: x = (1, 1, 1) and the value is 12 - 3 = 9.
* The optimum is a smooth point of the objective (no term sits at its kink).
* Marginal of the ball: the value as a function of the radius-squared rhs R is
* 12 - sqrt(3*R), whose derivative at R = 3 is -sqrt(3)/(2*sqrt(3)) = -0.5 (a binding
* =l= row of a minimisation: negative).

Set i / 1*3 /;
Parameter c(i) / 1 3, 2 4, 3 5 /;

Variables x(i), z;
x.l(i) = 0;

Equations defz, ball;

defz..  z =e= sum(i, abs(x(i) - c(i)));
ball..  sum(i, sqr(x(i))) =l= 3;

Model l1ball / all /;
Solve l1ball using dnlp minimizing z;

display z.l, x.l, ball.m;
