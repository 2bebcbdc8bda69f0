Set t 'hours' / h1*h4 /;
Parameter load(t) / h1 3, h2 4, h3 5, h4 2 /;
Scalar avg;
avg = sum(t, load(t)) / t;
Display avg;
