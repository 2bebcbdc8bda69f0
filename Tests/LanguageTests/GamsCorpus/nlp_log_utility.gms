$title Proportional sharing of a budget under logarithmic utility (NLP)
*  max sum w_i log(x_i) s.t. sum x_i = 100. By hand (Lagrange): w_i/x_i is equal for all
*  i, so x_i = 100 w_i / sum w: 10, 20, 30, 40; utility 1 log 10 + 2 log 20 + 3 log 30 +
*  4 log 40 = 33.25315960; the budget's marginal is w_i/x_i = 0.1.
*! solve 1 status 2 objective 33.2531596
*! x.l(a) = 10
*! x.l(d) = 40
*! budget.m = 0.1
*! share(c) = 0.3
Set i 'claimants' / a, b, c, d /;
Alias (i,i2);
Parameter w(i) 'weight' / a 1, b 2, c 3, d 4 /, share(i);
Positive Variable x(i);
Variable util;
Equations budget, defUtil;
budget..  sum(i, x(i)) =e= 100;
defUtil.. util =e= sum(i, w(i)*log(x(i)));
x.lo(i) = 0.001;
x.l(i) = 25;
Model share_m / all /;
solve share_m using nlp maximizing util;
share(i) = x.l(i)/sum(i2, x.l(i2));
display x.l, budget.m, share;
