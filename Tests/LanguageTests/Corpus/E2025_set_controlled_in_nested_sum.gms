Sets n 'nodes' / n1*n3 /
     t 'hours' / h1*h2 /;
Alias (n,m);
Parameter cap(n,m) 'line capacity';
cap(n,m) = 10;
Positive Variable f(n,m,t) 'flow';
Variable z;
Equations cost, limit(n,t);
cost..       z =e= sum((n,m,t), f(n,m,t));
limit(n,t).. sum(m, sum(n, f(n,m,t))) =l= sum(m, cap(n,m));
Model grid / all /;
Solve grid using lp minimizing z;
