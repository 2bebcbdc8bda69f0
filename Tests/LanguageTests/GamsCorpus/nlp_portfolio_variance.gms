$title Minimum-variance portfolio of two uncorrelated assets (QCP solved as an NLP)
*  Variances 0.04 and 0.09, no correlation, weights sum to 1. By hand (Lagrange): the
*  weights are inversely proportional to the variances: w1 = 0.09/0.13 = 0.6923077,
*  w2 = 0.3076923; variance 0.04*0.09/0.13 = 0.02769231; the budget's marginal is
*  2*0.04*w1 = 0.05538462.
*! solve 1 status 2 objective 0.02769230769
*! w.l(bonds) = 0.6923076923
*! w.l(stocks) = 0.3076923077
*! budget.m = 0.05538461538
*! risk = 0.1664100589
Set a 'assets' / bonds, stocks /;
Parameter sigma2(a) 'variance' / bonds 0.04, stocks 0.09 /;
Scalar risk 'standard deviation';
Positive Variable w(a) 'weight';
Variable v 'variance';
Equations budget, defV;
budget.. sum(a, w(a)) =e= 1;
defV..   v =e= sum(a, sigma2(a)*sqr(w(a)));
w.l(a) = 0.5;
Model port / all /;
solve port using nlp minimizing v;
risk = sqrt(v.l);
display w.l, budget.m, risk;
