Set t 'hours' / h1*h4 /;
Parameter price(t) / h1 20, h2 35, h3 50, h4 25 /;
Positive Variable buy(t);
Variable cost(t);
Equations defcost(t), need;
defcost(t).. cost(t) =e= price(t)*buy(t);
need..       sum(t, buy(t)) =g= 10;
Model dispatch / all /;
Solve dispatch using lp minimizing cost;
