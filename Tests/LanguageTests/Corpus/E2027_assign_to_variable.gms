Set t 'hours' / h1*h3 /;
Positive Variable soc(t) 'state of charge';
Variable z;
soc("h1") = 5;
Equations cost;
cost.. z =e= sum(t, soc(t));
Model m / all /;
Solve m using lp minimizing z;
