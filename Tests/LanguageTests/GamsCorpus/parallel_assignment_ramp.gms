$title Parallel assignment versus loop accumulation (a demand ramp)
*  d(t) = d(t-1) + 10 over the whole set runs in parallel: every right side reads the old
*  values, so each entry becomes 10 more than its predecessor's OLD value (which is 0 for
*  all but t1). Inside a loop the update accumulates. By hand: par = 5, 15, 10, 10, 10;
*  acc = 5, 15, 25, 35, 45. A solve then buys the ramp at prices 1..5: 5*1 + 15*2 + 25*3
*  + 35*4 + 45*5 = 475.
*! solve 1 status 1 objective 475
*! par(t1) = 5
*! par(t3) = 10
*! par(t2) = 15
*! acc(t5) = 45
*! acc(t2) = 15
*! buy.l(t4) = 35
*! last = 45
Set t / t1*t5 /;
Parameters par(t), acc(t), price(t);
Scalar last;
par('t1') = 5;  acc('t1') = 5;
par(t)$(ord(t) > 1) = par(t-1) + 10;
loop(t$(ord(t) > 1), acc(t) = acc(t-1) + 10);
price(t) = ord(t);
last = sum(t$(ord(t) = card(t)), acc(t));
Positive Variable buy(t);
Variable spend;
Equations need(t), defSpend;
need(t)..  buy(t) =g= acc(t);
defSpend.. spend =e= sum(t, price(t)*buy(t));
Model ramp / all /;
solve ramp using lp minimizing spend;
display par, acc, buy.l, last;
