Set i 'units' / u1, u2 /;
Parameter a(i) 'fuel curve' / u1 0.02, u2 0.03 /;
Positive Variable p(i) 'output in MW';
Variable z;
Equations cost, load;
cost.. z =e= sum(i, a(i)*sqr(p(i)) + exp(p(i)/100));
load.. sum(i, p(i)) =g= 50;
Model dispatch / all /;
Solve dispatch using qcp minimizing z;
