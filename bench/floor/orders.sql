-- Floor of scenario 2: the staff order page (orders(first: 50) { number status total customer { name }
-- lines { quantity unitPrice product { name } } }) as one hand-written statement answering the whole page as JSON.
select json_agg(page order by page.placed_at desc, page.id desc)
from (
  select o.id, o.placed_at, o.number, o.status, round(o.subtotal * (1 + o.tax_rate), 2) as total, o.currency,
         c.name as customer,
         (select json_agg(json_build_object('quantity', l.quantity, 'unitPrice', l.unit_price, 'product', p.name)
                          order by l.position)
          from order_line l left join product p on p.id = l.product_id
          where l.order_id = o.id) as lines
  from customer_order o
  left join customer c on c.id = o.customer_id
  order by o.placed_at desc, o.id desc
  limit 50
) page;
