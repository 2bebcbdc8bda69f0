Set i / a, b /;
Parameter c(i) / a 2, b 3 /;
Positive Variable x(i);
Variable z;
Equations cost, need;
cost.. z =e= sum(i, c(i)*x(i));
need.. sum(i, x(i)) =g= 4;
Model m / cost, need, x /;
Solve m using lp minimizing z;
