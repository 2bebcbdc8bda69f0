Set t 'hours' / h1*h3 /;
Parameter target(t) / h1 4, h2 6, h3 5 /;
Variable x(t), z;
Equations cost, total;
cost..  z =e= sum(t, abs(x(t) - target(t)));
total.. sum(t, x(t)) =e= 12;
Model track / all /;
Solve track using nlp minimizing z;
