Set t 'hours' / h1*h4 /;
Positive Variable soc(t) 'state of charge', ch(t);
Variable z;
Equations cost, balance(t);
cost..       z =e= sum(t, ch(t));
balance(t).. soc(t) =e= soc("h1"-1) + ch(t);
Model m / all /;
Solve m using lp minimizing z;
