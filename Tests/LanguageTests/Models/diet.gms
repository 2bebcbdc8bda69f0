$title Polly's Diet Problem (after Chvatal, Linear Programming, ch. 1)
$onText
Choose servings per day of six foods to meet minimum energy, protein and
calcium intake at least cost, with a limit on the servings of each food.
$offText

Sets
   f  foods      / oatmeal, chicken, eggs, milk, 'cherry-pie', 'pork-beans' /
   n  nutrients  / energy  'kcal', protein 'g', calcium 'mg' / ;

Table a(n,f)  nutrient content per serving
              oatmeal  chicken  eggs  milk  cherry-pie  pork-beans
   energy       110      205     160   160      420        260
   protein        4       32      13     8        4         14
   calcium        2       12      54   285       22         80 ;

Parameters
   price(f)  cents per serving
        / oatmeal 3, chicken 24, eggs 13, milk 9, cherry-pie 20, pork-beans 19 /
   maxsrv(f) servings per day at most
        / oatmeal 4, chicken 3, eggs 2, milk 8, cherry-pie 2, pork-beans 2 /
   req(n)    minimum daily intake
        / energy 2000, protein 55, calcium 800 / ;

Positive Variable x(f)  servings per day ;
Variable cost  daily cost in cents ;

x.up(f) = maxsrv(f);

Equations
   obj      total cost
   need(n)  minimum intake of nutrient n ;

obj..      cost =e= sum(f, price(f)*x(f));
need(n)..  sum(f, a(n,f)*x(f)) =g= req(n);

Model diet / all / ;
Solve diet using lp minimizing cost ;

Parameter intake(n)  intake at the optimum ;
intake(n) = sum(f, a(n,f)*x.l(f));

Display x.l, x.m, need.m, intake, cost.l ;
