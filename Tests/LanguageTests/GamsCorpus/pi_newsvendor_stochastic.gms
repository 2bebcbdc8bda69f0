$title Two-stage newsvendor with scenario probabilities named pi
*  Order q at 1 before demand is known (50, 100, 150 with probabilities 0.3, 0.5, 0.2); sell
*  at 3, salvage leftovers at 0.2. By hand: the critical ratio (3-1)/(3-0.2) = 0.714 lies
*  between the cumulative probabilities 0.3 and 0.8, so q = 100; expected profit
*  -100 + 0.3*(150 + 0.2*50) + 0.5*300 + 0.2*300 = 158.
*! solve 1 status 1 objective 158
*! q.l = 100
*! sold.l(lo) = 50
*! sold.l(hi) = 100
*! left.l(lo) = 50
*! pi(mid) = 0.5
*! check = 1
Set s 'demand scenarios' / lo, mid, hi /;
Parameters pi(s)  'probability'  / lo 0.3, mid 0.5, hi 0.2 /
           dem(s) 'demand'       / lo 50, mid 100, hi 150 /;
Scalars c 'unit cost' / 1 /, p 'price' / 3 /, v 'salvage' / 0.2 /, check;
check = sum(s, pi(s));
Positive Variables q 'order', sold(s), left(s);
Variable profit;
Equations sales(s), rest(s), defProfit;
sales(s).. sold(s) =l= dem(s);
rest(s)..  sold(s) + left(s) =e= q;
defProfit.. profit =e= -c*q + sum(s, pi(s)*(p*sold(s) + v*left(s)));
Model news / all /;
solve news using lp maximizing profit;
display pi, check, q.l, sold.l, left.l;
