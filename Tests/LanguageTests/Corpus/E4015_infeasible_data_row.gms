Set t 'hours' / h1*h3 /;
Parameter load(t) / h1 5, h2 8, h3 6 /, avail(t) 'plant available' / h1 1, h2 0, h3 1 /;
Positive Variable p(t);
Variable z;
Equations cost, meet(t);
cost..    z =e= sum(t, 20*p(t));
meet(t).. avail(t)*p(t) =g= load(t);
Model dispatch / all /;
Solve dispatch using lp minimizing z;
