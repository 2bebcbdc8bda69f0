$title Production and storage over four periods (a wide table in two blocks)
* Produce at most 35 units a period; storing costs 2 a unit and period.
* Optimum by hand: produce 20, 35, 35, 10 (5 units stored from t2 to t3);
* cost 100 + 210 + 245 + 80 + 10 = 645.

Set t 'periods' / t1*t4 /;
Table pdata(*,t) 'period data'
                   t1        t2
    demand         20        30
    cost         5.00      6.00
+                  t3        t4
    demand         40        10
    cost         7.00      8.00
    Scalar capacity / 35 /, hold / 2 /;

Positive Variables x(t) 'production', s(t) 'stock at the end of t';
Variable z;
Equations obj, balance(t);
obj..        z =e= sum(t, pdata('cost',t)*x(t) + hold*s(t));
balance(t).. s(t-1) + x(t) =e= pdata('demand',t) + s(t);
x.up(t) = capacity;
Model plan / all /;
Solve plan using lp minimizing z;
Display x.l, s.l;
