Set i / a, b /;
Parameter c(i) / a 2, b 3 /;
Positive Variable x(i);
Variable z;
Equation cost;
cost  z =e= sum(i, c(i)*x(i));
Model m / all /;
Solve m using lp minimizing z;
