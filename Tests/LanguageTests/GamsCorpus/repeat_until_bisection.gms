$title Market-clearing price by bisection (repeat ... until, abort as a guard)
*  Demand 100 - 2p, supply 10 + 4p: they meet at p = 15 (quantity 70). The bisection halves
*  [0, 50] until the interval is below 1e-6: ceil(log2(50/1e-6)) = 26 halvings.
*  A small LP then buys the clearing quantity at a unit cost of 10: 700.
*! solve 1 status 1 objective 700
*! price = 15
*! qty = 70
*! steps = 26
Scalars lo / 0 /, hi / 50 /, mid, excess, steps / 0 /, price, qty;
repeat(
   mid = (lo + hi)/2;
   excess = (100 - 2*mid) - (10 + 4*mid);
   if(excess > 0, lo = mid; else hi = mid;);
   steps = steps + 1;
   abort$(steps > 100) 'no convergence', lo, hi;
until hi - lo < 1e-6);
price = round((lo + hi)/2, 4);
qty = 100 - 2*price;
Positive Variable q;
Variable cost;
Equations meet, defCost;
meet..    q =g= qty;
defCost.. cost =e= 10*q;
Model clear / all /;
solve clear using lp minimizing cost;
display price, qty, steps;
