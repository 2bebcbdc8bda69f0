$title Energy community: households share PV surplus through a pool before using the grid
*  Import 0.25, export 0.06 EUR/kWh, a 0.01 fee per shared kWh. Verified with glpsol (same
*  LP in MathProg): 1.68. Household h2 has no PV and takes 4 kWh from the pool in h2-h3;
*  who gives them is not unique, the totals are: imports 8, exports 6, shared 4. A pooled
*  kWh in h2 is worth 0.07 (the giver's export price plus the fee).
*! solve 1 status 1 objective 1.68
*! imports = 8
*! exports = 6
*! shared = 4
*! took(h2) = 4
*! pool.m(t2) = 0.07
*! pool.m(t3) = 0.07
Sets h 'households' / h1*h3 /
     t 'hours' / t1*t4 /;
Table pv(h,t) 'kWh'
          t1    t2    t3    t4
   h1      0     4     6     1
   h3      0     2     3     0 ;
Table load(h,t) 'kWh'
          t1    t2    t3    t4
   h1      1     1     2     2
   h2      2     2     2     2
   h3      1     1     1     1 ;
Scalars pimp / 0.25 /, pexp / 0.06 /, fee / 0.01 /, imports, exports, shared;
Parameter took(h) 'kWh taken from the pool';
Positive Variables buy(h,t), exp(h,t), give(h,t), take(h,t);
Variable bill;
Equations bal(h,t), pool(t), defBill;
bal(h,t).. pv(h,t) + buy(h,t) + take(h,t) =e= load(h,t) + exp(h,t) + give(h,t);
pool(t)..  sum(h, give(h,t)) =e= sum(h, take(h,t));
defBill..  bill =e= sum((h,t), pimp*buy(h,t) - pexp*exp(h,t) + fee*give(h,t));
Model community / all /;
solve community using lp minimizing bill;
imports = sum((h,t), buy.l(h,t));
exports = sum((h,t), exp.l(h,t));
shared  = sum((h,t), give.l(h,t));
took(h) = sum(t, take.l(h,t));
display imports, exports, shared, took, pool.m;
