$title A logarithm undefined at the starting point of a free variable
* min x - log(x) with x free and no starting level: log(0) is undefined at the start and no
* bound says where to look instead, so the run must stop with a diagnostic that names the
* equation.

Variable x, z;

Equation defz;
defz..  z =e= x - log(x);

Model logm / all /;
Solve logm using nlp minimizing z;

display z.l, x.l;
