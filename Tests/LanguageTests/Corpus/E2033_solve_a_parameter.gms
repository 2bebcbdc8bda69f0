Set i / a, b /;
Parameter c(i) / a 2, b 3 /, mdl;
Positive Variable x(i);
Variable z;
Equations cost, need;
cost.. z =e= sum(i, c(i)*x(i));
need.. sum(i, x(i)) =g= 4;
Model m / all /;
Solve mdl using lp minimizing z;
