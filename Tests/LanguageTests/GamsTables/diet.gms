$title Diet of two foods (a table without a domain, written with tabs)
* Optimum by hand: 3 units of grain and 2 of beans, cost 13; protein is worth
* 4/3 and energy 1/3 per unit.
Sets f "foods" / grain, beans /
     n "nutrients" / protein, energy /;

Table nutr "nutrient content per unit of food"
	grain	beans
protein	2	1
energy	1	2
    Parameter need(n) "daily need" / protein 8, energy 7 /
              price(f) "price per unit" / grain 3, beans 2 /;

Positive Variable buy(f);
Variable cost;
Equations obj, meet(n);
obj..     cost =e= sum(f, price(f)*buy(f));
meet(n).. sum(f, nutr(n,f)*buy(f)) =g= need(n);
Model diet / all /;
Solve diet using lp minimizing cost;
Display buy.l, meet.m;
