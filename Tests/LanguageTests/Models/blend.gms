$title Alloy Blending with Two Models (after Dantzig's alloy example)
* Buy existing alloys to blend a new alloy of 30% lead, 30% zinc and 40% tin
* at least cost.  Model m1 only keeps the quantity balance; model m2 adds the
* composition constraints.  (The rows of m2 are linearly dependent, so its
* duals are not unique and are not reported.)

Sets
   e  elements   / lead, zinc, tin /
   k  alloys     / a*i /
   m  models     / m1, m2 / ;

Table comp(*,k)  composition (percent) and price of the alloys on the market
              a     b     c     d     e     f     g     h     i
   lead      10    10    40    60    30    30    30    50    20
   zinc      10    30    50    30    30    40    20    40    30
   tin       80    60    10    10    40    30    50    10    50
   price    4.1   4.3   5.8   6.0   7.6   7.5   7.3   6.9   7.3 ;

Parameter req(e)  required percentage in the new alloy / lead 30, zinc 30, tin 40 / ;

Positive Variable v(k)  purchase of alloy k (lb per lb of blend) ;
Variable phi  cost per lb of blend ;

Equations
   cost     objective
   bal1     quantity balance
   bal2(e)  element balance ;

cost..     phi =e= sum(k, comp("price",k)*v(k));
bal1..     sum(k, v(k)) =e= 1;
bal2(e)..  sum(k, comp(e,k)*v(k)) =e= req(e);

Model m1  quantity balance only / cost, bal1 /
      m2  full blending model   / all / ;

Parameters
   buy(k,m)     purchases in each model (rounded to 6 decimals)
   report(m,*)  cost and status of both models ;

Solve m1 using lp minimizing phi ;
buy(k,"m1")           = round(v.l(k), 6);
report("m1","cost")   = phi.l;
report("m1","status") = m1.modelStat;
report("m1","rows")   = m1.numEqu;

Solve m2 using lp minimizing phi ;
buy(k,"m2")           = round(v.l(k), 6);
report("m2","cost")   = phi.l;
report("m2","status") = m2.modelStat;
report("m2","rows")   = m2.numEqu;

Display buy, report ;
