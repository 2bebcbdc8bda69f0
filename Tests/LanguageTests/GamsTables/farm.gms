$title Crop mix on a family farm (old-style tables)
* A farmer splits 100 acres between corn, wheat and cotton; labour is limited
* to 500 hours. Optimum by hand: corn 50, wheat 50, profit 9950; land is worth
* 52 per acre and labour 9.5 per hour.

  Sets
       c   'crops'      / corn, wheat, cotton /
       r   'resources'  / land, labor /;

  Table a(r,c) 'resource use per acre'
                 corn     wheat    cotton
       land     1.000     1.000     1.000
       labor    6.000     4.000     8.000

  Table data(*,c) 'revenue and cost per acre'
                 corn     wheat    cotton
       price   209.00    140.00    165.00
       cost    100.00     50.00     50.00

  Parameter b(r) 'resource endowment' / land 100, labor 500 /
            profit(c) 'net revenue per acre';
  profit(c) = data('price',c) - data('cost',c);

  Positive Variable x(c) 'acres planted';
  Variable z 'net revenue';
  Equations obj, res(r);
  obj..    z =e= sum(c, profit(c)*x(c));
  res(r).. sum(c, a(r,c)*x(c)) =l= b(r);

  Model farm / all /;
  Solve farm using lp maximizing z;
  Display x.l, res.m, profit;
