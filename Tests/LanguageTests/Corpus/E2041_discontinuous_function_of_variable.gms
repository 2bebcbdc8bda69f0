Set i / a, b /;
Positive Variable x(i);
Variable z;
Equations cost, need;
cost.. z =e= sum(i, ceil(x(i)));
need.. sum(i, x(i)) =g= 3.5;
Model m / all /;
Solve m using dnlp minimizing z;
