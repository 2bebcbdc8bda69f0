$title Economic dispatch with quadratic cost curves (NLP, equal incremental cost)
*  cost_i(g) = a_i g + b_i g^2. By hand (lambda iteration): every unit runs where
*  a_i + 2 b_i g_i = lambda, and sum g_i = 300 gives 17.5 lambda - 180 = 300, lambda =
*  27.428571; g = 174.2857, 77.1429, 48.5714; total cost 5642.857143.
*! solve 1 status 2 objective 5642.857143
*! g.l(g1) = 174.2857143
*! g.l(g2) = 77.14285714
*! g.l(g3) = 48.57142857
*! demand.m = 27.42857143
*! lambda = 27.42857143
Set i 'units' / g1*g3 /;
Parameters a(i) 'linear cost'    / g1 10,   g2 12,  g3 8 /
           b(i) 'quadratic cost' / g1 0.05, g2 0.1, g3 0.2 /;
Scalars load / 300 /, lambda 'system marginal cost';
Positive Variable g(i);
Variable cost;
Equations demand, defCost;
demand..  sum(i, g(i)) =e= load;
defCost.. cost =e= sum(i, a(i)*g(i) + b(i)*sqr(g(i)));
g.l(i) = load/card(i);
Model qdisp / all /;
solve qdisp using nlp minimizing cost;
lambda = demand.m;
display g.l, demand.m, lambda;
