$title Discrete-time regulator with a fixed initial state (NLP, x.fx on the first period)
*  x(t+1) = x(t) + u(t), x(t0) = 10 fixed; minimise the sum of squared states after t0 and
*  squared controls. The optimum solves a linear system (the gradient of a convex
*  quadratic): verified with numpy, objective 5500/89 = 61.79775281, x(t1) = 340/89,
*  x(t5) = 10/89, u(t0) = -550/89.
*! solve 1 status 2 objective 61.79775281
*! x.l(t0) = 10
*! x.l(t1) = 3.820224719
*! x.l(t5) = 0.1123595506
*! u.l(t0) = -6.179775281
*! u.l(t4) = -0.1123595506
*! card u.l = 5
Set t 'periods' / t0*t5 /;
Variables x(t) 'state', u(t) 'control', j 'cost';
Equations step(t) 'dynamics', defJ;
step(t)$(ord(t) < card(t)).. x(t+1) =e= x(t) + u(t);
defJ..       j =e= sum(t$(ord(t) > 1), sqr(x(t))) + sum(t$(ord(t) < card(t)), sqr(u(t)));
x.fx('t0') = 10;
u.fx(t)$(ord(t) = card(t)) = 0;
Model regulator / all /;
solve regulator using nlp minimizing j;
display x.l, u.l;
