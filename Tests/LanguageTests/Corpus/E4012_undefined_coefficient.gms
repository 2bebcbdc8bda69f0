Set i 'units' / u1*u3 /;
Parameter rate(i) 'fuel cost per MWh' / u1 32.5, u2 na, u3 41.0 /;
Positive Variable p(i);
Variable z;
Equations cost, load;
cost.. z =e= sum(i, rate(i)*p(i));
load.. sum(i, p(i)) =g= 10;
Model m / all /;
Solve m using lp minimizing z;
