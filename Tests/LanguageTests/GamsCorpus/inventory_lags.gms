$title Production and inventory over six months (lagged stock, marginal cost of demand)
*  Month t: stock(t) = stock(t-1) + make(t) - demand(t), 10 units in stock at the start,
*  120 units a month at most, holding cost 2 per unit and month.
*  Verified with glpsol (same LP in MathProg): cost 7790; make 90 120 120 120 90 110; the
*  marginals of the balances are minus the marginal cost of one more unit of demand:
*  -10 -12 -14 -16 -12 -13 (month 4's demand is met from months 1-3 at 10 + 2*3 = 16 at most).
*! solve 1 status 1 objective 7790
*! make.l(m1) = 90
*! make.l(m5) = 90
*! stock.l(m2) = 40
*! stock.l(m3) = 30
*! bal.m(m4) = -16
*! bal.m(m1) = -10
*! bal.m(m6) = -13
*! make.m(m3) = -4
*! mc(m4) = 16
Set t 'months' / m1*m6 /;
Parameters
   d(t)  'demand'          / m1 80, m2 100, m3 130, m4 150, m5 90, m6 110 /
   pc(t) 'production cost' / m1 10, m2 11,  m3 10,  m4 14,  m5 12, m6 13 /;
Scalars cap 'monthly capacity' / 120 /, h 'holding cost' / 2 /, stock0 'initial stock' / 10 /;
Positive Variables make(t), stock(t);
Variable cost;
Equations bal(t) 'stock balance', defCost;
bal(t)..   stock(t) =e= stock(t-1) + stock0$(ord(t) = 1) + make(t) - d(t);
defCost..  cost =e= sum(t, pc(t)*make(t) + h*stock(t));
make.up(t) = cap;
Model plan / all /;
solve plan using lp minimizing cost;
Parameter mc(t) 'marginal cost of demand';
mc(t) = -bal.m(t);
display make.l, stock.l, make.m, bal.m, mc;
