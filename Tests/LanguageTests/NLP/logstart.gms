$title A logarithm whose variable starts on the bound where it is undefined
* min x - log(x) on x >= 0 has its minimum 1 at x = 1.  The default starting level of x is
* its lower bound 0, where log is undefined; the solver starts from a point pushed inside the
* bounds, so the model still solves.

Positive Variable x;
Variable z;

Equation defz;
defz..  z =e= x - log(x);

Model logm / all /;
Solve logm using nlp minimizing z;

display z.l, x.l;
