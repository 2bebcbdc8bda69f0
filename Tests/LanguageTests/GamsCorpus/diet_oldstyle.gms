$title Diet problem in old-style layout (tables ended by the next keyword)
$onText
Cheapest daily diet from six foods that covers four nutrient minimums. The data are
written the way older GAMS models do it: unquoted explanatory texts, a table that ends
without a semicolon because the next statement (indented) starts with a keyword.

Verified with glpsol (the same model in MathProg): cost 5.086792453, bread 5.48427673,
cheese 0.772327044, potato 2; shadow prices cal 0.001698113208, calc 0.001886792453,
vitc 0.003018867925, protein not binding; reduced cost of fish 2.103773585.
$offText
*! solve 1 status 1 objective 5.086792453
*! x.l(bread) = 5.48427673
*! x.l(cheese) = 0.772327044
*! x.l(potato) = 2
*! req.m(cal) = 0.001698113208
*! req.m(calc) = 0.001886792453
*! req.m(vitc) = 0.003018867925
*! req.m(prot) = 0
*! x.m(fish) = 2.103773585
*! x.m(milk) = 0.07320754717
Sets
   f   foods      / bread, milk, cheese, potato, fish, yogurt /
   nu  nutrients  / cal  calories
                    prot protein (g)
                    calc calcium (mg)
                    vitc vitamin C (mg) /

Table a(f,nu)  nutrient content per portion
            cal    prot   calc   vitc
   bread    250      8     40
   milk     150      8    300      2
   cheese   400     25    700
   potato   160      4     20     30
   fish     200     22     30
   yogurt   120     10    400      1

  Parameter cost(f)  price per portion
      / bread 0.5, milk 0.9, cheese 2.0, potato 0.4, fish 2.5, yogurt 1.1 /

  Parameter minreq(nu)  daily minimum
      / cal 2000, prot 55, calc 800, vitc 60 /

Positive Variable x(f)  portions per day
Variable z  cost of the diet

Equations req(nu)  nutrient requirement
          obj      cost definition ;

req(nu)..  sum(f, a(f,nu)*x(f)) =g= minreq(nu);
obj..      z =e= sum(f, cost(f)*x(f));

Model diet / all /;
solve diet using lp minimizing z;
display x.l, x.m, req.m;
