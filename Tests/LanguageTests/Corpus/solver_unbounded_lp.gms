Set t 'hours' / h1*h3 /;
Parameter price(t) 'sale price' / h1 30, h2 45, h3 38 /;
Positive Variable sell(t);
Variable revenue;
Equations defrev;
defrev.. revenue =e= sum(t, price(t)*sell(t));
Model trade / all /;
Solve trade using lp maximizing revenue;
