Set t 'hours' / h1*h3 /;
Parameter cap(t)   'usable capacity in kWh' / h1 10, h2 1.5, h3 10 /
          price(t) 'price' / h1 20, h2 35, h3 28 /;
Positive Variable soc(t) 'state of charge';
Variable z;
soc.lo(t) = 2;
soc.up(t) = cap(t);
Equations cost;
cost.. z =e= sum(t, price(t)*soc(t));
Model battery / all /;
Solve battery using lp minimizing z;
