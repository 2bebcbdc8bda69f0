Set t 'hours' / h1*h3 /;
Parameter load(t) / h1 5, h2 8, h3 6 /;
Positive Variable p(t) 'power', v(t) 'voltage';
Variable z;
Equations cost, balance(t);
cost..       z =e= sum(t, p(t));
balance(t).. p(t)*v(t) =g= load(t);
Model m / all /;
Solve m using lp minimizing z;
